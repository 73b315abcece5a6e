import { Empty } from '@nutui/nutui-react-taro'
import { Image } from '@tarojs/components'
import emptyImage from '../../assets/empty.png'
import { idProp } from '../../utils/cx'

/** NutUI's Empty with our own picture (its default images load from a remote CDN). */
export function EmptyState({ text, id }: { text: string; id?: string }) {
  return (
    <Empty
      {...idProp(id)}
      className='tq-empty'
      image={<Image src={emptyImage} style={{ width: '100%', height: '100%' }} mode='aspectFit' />}
      imageSize={96}
      description={text}
    />
  )
}
